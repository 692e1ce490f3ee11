package dev.tern.host.packagefixture.shared.two;

/** An area that uses both helpers, for the rule's own test. */
public final class User {

    public int use(int value) {
        return dev.tern.host.packagefixture.shared.one.Helper.twice(value)
                + dev.tern.host.packagefixture.shared.cli.Helper.twice(value);
    }
}
