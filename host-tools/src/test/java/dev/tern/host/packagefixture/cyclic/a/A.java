package dev.tern.host.packagefixture.cyclic.a;

import dev.tern.host.packagefixture.cyclic.b.B;

/** Half of a package cycle, for the rule's own test. */
public final class A {

    public B partner() {
        return new B();
    }
}
