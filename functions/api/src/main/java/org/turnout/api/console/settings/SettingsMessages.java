package org.turnout.api.console.settings;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the owners' settings area ({@code templates/console-settings-*.html}), one template for every language:
 * the texts are in {@code messages/settings_fr.properties} and {@code _en}. A field's rule ({@code ...Rule}) is shown
 * next to the field when the service refuses it.
 */
@MessageBundle(value = "settings", locale = "fr")
public interface SettingsMessages {
    String title();

    String areas();

    String organisation();

    String members();

    String senders();

    String suppressions();

    String audit();

    String saved();

    String conflict();

    String correct();

    String name();

    String nameRule();

    String language();

    String languageRule();

    String timeZone();

    String timeZoneHint();

    String timeZoneRule();

    String sendRate();

    String sendRateHint();

    String sendRateRule();

    String publicSignup();

    String allowedTags();

    String allowedTagsHint();

    String allowedTagsRule();

    String signupOrigins();

    String signupOriginsHint();

    String signupOriginsRule();

    String thankYouUrl();

    String thankYouUrlRule();

    String save();

    String invited();

    String roleChanged();

    String memberRemoved();

    String lastOwner();

    String noSuchMember();

    String noMember();

    String membersElsewhere();

    String email();

    String role();

    String memberStatus();

    String actions();

    String roleOf(String email);

    String roleOwner();

    String roleStaff();

    String roleVolunteer();

    String changeRole();

    String statusInvited();

    String statusActive();

    String remove();

    String removeMember(String email);

    String invite();

    String emailRule();

    String roleRule();

    String inviteNote();

    String sendInvitation();

    String senderAdded();

    String senderRemoved();

    String noSender();

    String senderName();

    String senderAddress();

    String senderNameRule();

    String sendersRule();

    String removeSender(String address);

    String sendersNote();

    String addSender();

    String add();

    String searchAddress();

    String search();

    String suppressionAdded();

    String suppressionRemoved();

    String notListed();

    String removeReasonRule();

    String notSuppressed();

    String noSuppression();

    String address();

    String reason();

    String source();

    String when();

    String removeReason(String email);

    String reasonPlaceholder();

    String reasonRule();

    String firstPage();

    String nextPage();

    String addSuppression();

    String actionFilter();

    String filter();

    String actionHint();

    String actionRule();

    String noEntry();

    String who();

    String what();

    String target();

    String detail();

    String auditNote();
}
