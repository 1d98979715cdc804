package org.turnout.sending;

import java.util.List;
import java.util.function.BooleanSupplier;

/** Sends queued recipients their mailing: {@link MailingSender}, or a stand-in where a test needs none of its stores. */
public interface RecipientDelivery {
    /** Starts the sends of one batch: what its recipients need is read for all of them at once. */
    Round begin(List<Recipient> recipients);

    /** The sends of one batch; {@link #deliver} may be called for several of its recipients at once. */
    interface Round {
        MailingSender.Delivery deliver(Recipient recipient, int receiveCount, BooleanSupplier timeForATurn);

        /** All sends of the batch are settled: their outcomes are added to the counts, and each mailing may be done. */
        void finish();
    }
}
