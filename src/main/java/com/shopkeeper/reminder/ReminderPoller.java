package com.shopkeeper.reminder;

import com.shopkeeper.config.ConditionalOnRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for reminders due. On every worker: each reminder is claimed by its row before anything is
 * sent, so with several workers one decides it.
 */
@Component
@ConditionalOnRole("worker")
class ReminderPoller {

    private static final Logger log = LoggerFactory.getLogger(ReminderPoller.class);

    private final ReminderService reminders;

    ReminderPoller(ReminderService reminders) {
        this.reminders = reminders;
    }

    @Scheduled(initialDelayString = "${shopkeeper.reminders.poll-interval:1m}",
            fixedDelayString = "${shopkeeper.reminders.poll-interval:1m}")
    void poll() {
        try {
            int unpaid = reminders.remindUnpaidOrders();
            int carts = reminders.remindAbandonedCarts();
            if (unpaid + carts > 0) {
                log.info("decided {} unpaid-order and {} abandoned-cart reminder(s)", unpaid, carts);
            }
        } catch (RuntimeException e) {
            log.warn("reminders due could not be read: {}", e.toString());
        }
    }
}
