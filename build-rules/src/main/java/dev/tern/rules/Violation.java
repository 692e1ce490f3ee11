package dev.tern.rules;

/**
 * One breach of the board rules: what was referenced, and where in the firmware.
 *
 * @param where  the firmware class and member that holds the reference, with a line where known
 * @param what   the offending JDK class or member, or the rule broken (class version, invokedynamic)
 * @param reason why it is refused, in a few words
 */
public record Violation(String where, String what, String reason) {

    @Override
    public String toString() {
        return where + ": " + what + " (" + reason + ")";
    }
}
