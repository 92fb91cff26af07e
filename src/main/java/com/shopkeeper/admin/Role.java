package com.shopkeeper.admin;

/** ADMIN reads and writes; VIEWER only reads. */
public enum Role {
    ADMIN, VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }
}
