package com.shopkeeper.messaging;

import com.shopkeeper.config.ConditionalOnRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again the notices a platform could not take (and any whose sender died mid-send), when their
 * backoff is over. On every worker: each notice is claimed before it is tried, so one instance tries it.
 */
@Component
@ConditionalOnRole("worker")
class NoticeRetrier {

    private static final Logger log = LoggerFactory.getLogger(NoticeRetrier.class);

    private final Outbox outbox;

    NoticeRetrier(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(initialDelayString = "${shopkeeper.messaging.notices.poll-interval:5s}",
            fixedDelayString = "${shopkeeper.messaging.notices.poll-interval:5s}")
    void retryDue() {
        try {
            int tried = outbox.retryDue(50);
            if (tried > 0) {
                log.info("tried {} notice(s) again", tried);
            }
        } catch (RuntimeException e) {
            log.warn("notices due another try could not be read: {}", e.toString());
        }
    }
}
