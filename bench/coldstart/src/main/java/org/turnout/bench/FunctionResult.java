package org.turnout.bench;

import java.util.List;

/** The cold starts of one function over all rounds, summarised. */
record FunctionResult(String name, String firstRequest, DurationSummary init, DurationSummary firstResponse) {

    static FunctionResult of(String name, String firstRequest, List<ColdStart> coldStarts) {
        return new FunctionResult(name, firstRequest,
                DurationSummary.of(coldStarts.stream().map(ColdStart::init).toList()),
                DurationSummary.of(coldStarts.stream().map(ColdStart::firstResponse).toList()));
    }
}
