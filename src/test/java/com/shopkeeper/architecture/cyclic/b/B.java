package com.shopkeeper.architecture.cyclic.b;

/** The other half of a deliberate package cycle, for {@code PackageCyclesTest}. */
public class B {
    public com.shopkeeper.architecture.cyclic.a.A a() {
        return new com.shopkeeper.architecture.cyclic.a.A();
    }
}
