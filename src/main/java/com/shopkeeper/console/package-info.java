/**
 * The admin web UI at {@code /admin/}: pages rendered by Thymeleaf whose scripts read and write
 * through the same admin API as any other client (with the session cookie and the CSRF token), so
 * the UI adds no second way to change the shop. Sign-in and sessions are in
 * {@link com.shopkeeper.admin}.
 */
package com.shopkeeper.console;
