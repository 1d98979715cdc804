package org.turnout.api.unsubscribe;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the unsubscribe page ({@code templates/unsubscribe-page.html}), one template for
 * every language: the texts are in {@code messages/unsubscribe_fr.properties} and {@code _en}.
 */
@MessageBundle(value = "unsubscribe", locale = "fr")
public interface UnsubscribePageMessages {
    String unsubscribe();

    String noMore(String organisation);

    String button();

    String doneTitle();

    String doneHeading();

    String invalidTitle();

    String invalidHeading();

    String invalid();
}
