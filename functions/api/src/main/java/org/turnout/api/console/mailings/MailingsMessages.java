package org.turnout.api.console.mailings;

import io.quarkus.qute.i18n.MessageBundle;

/** The words of the mailings' pages ({@code templates/console-mailings-*.html}); texts in {@code messages/mailings_fr.properties} and {@code _en}. */
@MessageBundle(value = "mailings", locale = "fr")
public interface MailingsMessages {
    String newMailing();

    String none();

    String listCaption(String timeZone);

    String name();

    String segment();

    String noSegment();

    /** A state's name, from its code ({@code draft}, {@code scheduled}...). */
    String state(String code);

    String scheduleAndProgress();

    String content();

    String sender();

    String subject();

    String htmlBody();

    String textBody();

    String save();

    String notEditable();

    String mergeFields();

    String mergeFieldsHelp();

    String fallbackHelp();

    String attributesHelp();

    String sendAtLocal(String timeZone);

    String schedule();

    String reschedule();

    String progress(long done, long recipients);

    String counts();

    String pause();

    String resume();

    String cancel();

    String confirmCancel();

    String delete();

    String confirmDelete();

    String stats();

    String preview();

    String previewAs();

    String previewAsHelp();

    String showPreview();

    String htmlPreview();

    String test();

    String testAddress();

    String testHelp();

    String sendTest();

    String testSent(String address);

    String tooManyTests();

    String refused(String message);

    String refusedTitle();

    String backToList();
}
