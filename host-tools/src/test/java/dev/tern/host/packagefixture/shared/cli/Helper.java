package dev.tern.host.packagefixture.shared.cli;

/** A helper the areas two and three both use, for the rule's own test. */
public final class Helper {

    public static int twice(int value) {
        return 2 * value;
    }
}
