package org.turnout.canvass;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the printable walk list ({@code templates/walk-list.html}), one template for every
 * language: the texts are in {@code messages/walk_fr.properties} and {@code messages/walk_en.properties}.
 */
@MessageBundle(value = "walk", locale = "fr")
public interface WalkListMessages {
    String title(String station);

    String noDoor(String station);

    String turfHeading(String station, int turf, int turfs);

    String doors(int count);

    String canvasser();

    String date();

    String number();

    String street();

    String name();

    String phone();

    String notHome();

    String talked();

    String support();

    String volunteer();

    String notes();

    String oddSide();

    String evenSide();
}
