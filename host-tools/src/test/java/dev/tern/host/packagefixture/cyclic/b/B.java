package dev.tern.host.packagefixture.cyclic.b;

import dev.tern.host.packagefixture.cyclic.a.A;

/** The other half of a package cycle, for the rule's own test. */
public final class B {

    public A partner() {
        return new A();
    }
}
