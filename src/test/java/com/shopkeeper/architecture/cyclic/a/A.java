package com.shopkeeper.architecture.cyclic.a;

/** Half of a deliberate package cycle, for {@code PackageCyclesTest}. */
public class A {
    public com.shopkeeper.architecture.cyclic.b.B b() {
        return new com.shopkeeper.architecture.cyclic.b.B();
    }
}
