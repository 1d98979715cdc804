package org.turnout.organisation;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A sender identity verified in SES for this organisation: the From of its emails. */
public final class Sender {
    public static final String NAME = "name";
    public static final String ADDRESS = "address";

    /** Stored as a map inside its organisation's item. */
    public static final TableSchema<Sender> SCHEMA = StaticImmutableTableSchema.builder(Sender.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name(NAME).getter(Sender::name).setter(Builder::name))
            .addAttribute(String.class, a -> a.name(ADDRESS).getter(Sender::address).setter(Builder::address))
            .build();

    private final String name;
    private final String address;

    private Sender(Builder builder) {
        this.name = builder.name;
        this.address = builder.address;
    }

    public static Sender of(String name, String address) {
        return builder().name(name).address(address).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().name(name).address(address);
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }

    public static final class Builder {
        private String name;
        private String address;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder address(String address) {
            this.address = address;
            return this;
        }

        public Sender build() {
            return new Sender(this);
        }
    }
}
