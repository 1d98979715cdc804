package org.turnout.mailing;

import java.util.List;
import org.turnout.problem.FieldError;
import org.turnout.problem.InvalidInputException;

/**
 * A mailing's template that parses but cannot render (a field of a field, such as
 * {@code {organisation.foo}}); the message names the template and says where. Templates saved
 * since they are rendered on save never get here, older ones may: a preview or test send answers
 * it as bad input, a send records the recipient as failed with it.
 */
public class TemplateRenderException extends InvalidInputException {
    public TemplateRenderException(String field, String message) {
        super(List.of(new FieldError(field, message)));
    }
}
