package dk.udlaendinge.batch.console;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Error pages in the console's own layout, navigation included, so an operator who
 * mistyped an execution number or followed a stale link is one click from the overview. A
 * sentence per status, never an exception's text or a stack trace (server.error.include-*
 * stay off).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleErrorPages implements ErrorViewResolver {

    private final CurrentUser currentUser = new CurrentUser();

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String path = String.valueOf(model.get("path"));
        if (path.startsWith("/actuator")) {
            return null; // monitoring agents get Boot's answer
        }
        String text = switch (status) {
            case NOT_FOUND -> "There is no such page, execution or file. The list of executions shows what there is.";
            case FORBIDDEN -> "Your role may not do this: acting on executions, running the renewal and downloading"
                    + " files with personal data need the OPERATOR role.";
            case BAD_REQUEST -> "The console did not understand this request; go back and try again from the page.";
            default -> status.is5xxServerError()
                    ? "Something went wrong in the console. The log (APP_DATA_DIR/logs) says what; nothing was changed"
                            + " by showing this page."
                    : "The console could not answer this request.";
        };
        ModelAndView view = new ModelAndView("console/error", status);
        view.addObject("code", status.value());
        view.addObject("title", status.getReasonPhrase());
        view.addObject("text", text);
        view.addObject("user", currentUser.user());
        view.addObject("operator", currentUser.operator());
        return view;
    }

}
