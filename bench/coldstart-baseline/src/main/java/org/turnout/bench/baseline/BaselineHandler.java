package org.turnout.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Named;

/** Answers the same small JSON to any event: all that is left to time is Quarkus and the runtime starting. */
@Named("baseline")
public class BaselineHandler implements RequestHandler<JsonNode, BaselineHandler.Answer> {

    public record Answer(String status) {
    }

    private static final Answer OK = new Answer("ok");

    @Override
    public Answer handleRequest(JsonNode event, Context context) {
        return OK;
    }
}
