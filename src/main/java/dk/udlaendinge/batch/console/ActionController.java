package dk.udlaendinge.batch.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import java.security.Principal;
import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * Restart, stop, abandon and "Run now": a confirmation page that says what the action
 * will do, then the form's POST (CSRF-protected, OPERATOR only), whose result shows on
 * the page of the execution it started or acted on (on the overview when there is none: a
 * refusal, a dry run).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class ActionController {

    enum Action {

        RESTART("Restart",
                "continues this execution where it stopped, as a new execution of the same run."
                        + " What was already sent is not sent again. A stale execution is first marked failed."),
        STOP("Stop",
                "asks the running execution to stop at its next chunk boundary. It ends STOPPED and can be"
                        + " restarted later; nothing already sent is lost."),
        ABANDON("Abandon", "marks this execution ABANDONED: it will never be restarted or continued. Use it for a"
                + " run that must not go on. A running execution cannot be abandoned: stop it first.");

        final String label;

        final String effect;

        Action(String label, String effect) {
            this.label = label;
            this.effect = effect;
        }

        public String getLabel() {
            return label;
        }

        public String getEffect() {
            return effect;
        }

        public String getPath() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

    }

    private final Executions executions;

    private final ConsoleActions actions;

    ActionController(Executions executions, ConsoleActions actions) {
        this.executions = executions;
        this.actions = actions;
    }

    @GetMapping("/executions/{id}/{action:restart|stop|abandon}")
    String confirm(@PathVariable long id, @PathVariable String action, Model model) {
        model.addAttribute("e", executions.one(id).orElseThrow(() -> notFound(id)));
        model.addAttribute("action", Action.valueOf(action.toUpperCase(java.util.Locale.ROOT)));
        return "console/confirm";
    }

    @PostMapping("/executions/{id}/{action:restart|stop|abandon}")
    String act(@PathVariable long id, @PathVariable String action, Principal user, RedirectAttributes redirect) {
        executions.one(id).orElseThrow(() -> notFound(id));
        ConsoleActions.Result result = switch (Action.valueOf(action.toUpperCase(java.util.Locale.ROOT))) {
            case RESTART -> actions.restart(id, user.getName());
            case STOP -> actions.stop(id, user.getName());
            case ABANDON -> actions.abandon(id, user.getName());
        };
        return show(result, redirect);
    }

    /**
     * "Run now": the renewal for a date (or its dry run), confirmed on a page that says
     * what it will do.
     */
    @GetMapping("/run")
    String confirmRun(@RequestParam(defaultValue = "") String date, @RequestParam(defaultValue = "false") boolean dry,
            Model model, RedirectAttributes redirect) {
        LocalDate runDate = ConsoleText.date(date);
        if (runDate == null) {
            redirect.addFlashAttribute("resultOk", false);
            redirect.addFlashAttribute("resultText", "'" + ConsoleText.shortInput(date) + "' is not a run date:"
                    + " give one as dd.mm.yyyy, for example 01.06.2020, between 01.01.2000 and 31.12.2099.");
            return "redirect:/";
        }
        model.addAttribute("runDate", runDate);
        model.addAttribute("dry", dry);
        return "console/run";
    }

    @PostMapping("/run")
    String run(@RequestParam String date, @RequestParam(defaultValue = "false") boolean dry, Principal user,
            RedirectAttributes redirect) {
        LocalDate runDate = ConsoleText.date(date);
        if (runDate == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a run date");
        }
        return show(actions.runNow(runDate, dry, user.getName()), redirect);
    }

    private static String show(ConsoleActions.Result result, RedirectAttributes redirect) {
        redirect.addFlashAttribute("resultOk", result.ok());
        redirect.addFlashAttribute("resultText", result.message());
        return result.executionId() == ConsoleActions.NONE ? "redirect:/"
                : "redirect:/executions/" + result.executionId();
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "there is no execution " + id);
    }

}
