package com.shopkeeper.support;

import static org.mockito.ArgumentMatchers.argThat;

import com.shopkeeper.messaging.NoticeText;

/** Mockito matchers for what a {@code ShopperMessenger} is asked to tell. */
public final class NoticeMatchers {

    private NoticeMatchers() {
    }

    /** A notice whose text contains {@code part}. */
    public static NoticeText saying(String part) {
        return argThat(n -> n != null && n.text().contains(part));
    }

    /** Any notice. */
    public static NoticeText anyNotice() {
        return org.mockito.ArgumentMatchers.any(NoticeText.class);
    }
}
