package org.turnout.importing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * A phone number as files write it ("06 12 34 56 78", "+33 6 12...", "33612345678") in E.164
 * (+33612345678), read as French unless it says its country. A number libphonenumber does not
 * hold valid has no E.164 form.
 */
final class PhoneCell {
    static final String DEFAULT_REGION = "FR";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneCell() {
    }

    static Optional<String> e164(String value) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(value, DEFAULT_REGION);
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
