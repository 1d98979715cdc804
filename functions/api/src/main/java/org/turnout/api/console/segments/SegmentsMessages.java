package org.turnout.api.console.segments;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the segments pages ({@code templates/console-segments-*.html}) and of the rule's errors: the texts
 * are in {@code messages/segments_fr.properties} and {@code _en}.
 */
@MessageBundle(value = "segments", locale = "fr")
public interface SegmentsMessages {
    String title();

    String intro();

    String newSegment();

    String name();

    String countNow();

    String noSegment();

    String counting();

    String open(String name);

    String editTitle(String name);

    String allowImported();

    String consentNote();

    String rule();

    String ruleHelp();

    String group();

    String groupKind();

    String kindAll();

    String kindAny();

    String negateGroup();

    String negateCondition();

    String condition(String number);

    String field();

    String fieldName(String field);

    String attribute();

    String op();

    String opName(String op);

    String values();

    String valuesHint();

    String value();

    String days();

    String min();

    String max();

    String from();

    String to();

    String yes();

    String no();

    String statusName(String status);

    String outcomeName(String outcome);

    String addCondition();

    String addGroup();

    String removeGroup();

    String removeCondition(String number);

    String save();

    String saved();

    String delete();

    String deleteTitle(String name);

    String deleteWarning();

    String deleteConfirm();

    String cancel();

    String back();

    String preview();

    String previewCount(String count);

    String sample(int size);

    String email();

    String contactName();

    String station();

    String noMember();

    String invalidRule();

    String errorAt(String part, String message);

    String part(String part);

    String errRequired();

    String errNonEmptyList();

    String errNonEmptyRules();

    String errNotStatus(String value);

    String errNotOperator(String field, String allowed);

    String errTrueFalse();

    String errWholeNumber(String min, String max);

    String errDateOrInstant();

    String errDate();

    String errMinMax();

    String errNumber();

    String errString();

    String errFromTo();

    String errNotField(String field);

    String errMaxValues(String max);

    String errMaxNodes(String max);

    String errDepth(String max);

    String errMaxCharacters(String max);

    String errControlCharacters();

    String errObject();

    String conflict();
}
