package dk.udlaendinge.batch.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dk.udlaendinge.batch.ops.ScheduleSettings;

/**
 * The first page: each job's latest run, last success and next scheduled run, and what
 * needs someone now.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class OverviewController {

    record JobLine(String job, String purpose, Optional<Executions.Row> latest, Optional<Executions.Row> lastSuccess,
            String next) {
    }

    private final Executions executions;

    private final ScheduleSettings schedule;

    private final ConsoleText text;

    private final AuditLog audit;

    OverviewController(Executions executions, ScheduleSettings schedule, ConsoleText text, AuditLog audit) {
        this.executions = executions;
        this.schedule = schedule;
        this.text = text;
        this.audit = audit;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("jobs",
                List.of(line("renewalNoticeJob", "renewal notices, nightly", nextRenewal()),
                        line("quotaWorkbookJob", "quota workbooks, yearly", "on demand: ./run.sh quota"),
                        line("registryImportJob", "registry import", "on demand: ./run.sh import")));
        model.addAttribute("attention", executions.needingAttention());
        model.addAttribute("zone", text.zone().getId());
        model.addAttribute("today", ConsoleText.date(java.time.LocalDate.now(text.zone())));
        return "console/overview";
    }

    @GetMapping("/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.recent(200));
        return "console/audit";
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    private JobLine line(String job, String purpose, String next) {
        return new JobLine(job, purpose, executions.latest(job, null), executions.latest(job, "COMPLETED"), next);
    }

    private String nextRenewal() {
        String cron = schedule.renewalCron();
        if (cron.equals("-")) {
            return "not scheduled (app.schedule.renewal-cron is -)";
        }
        LocalDateTime next = CronExpression.parse(cron).next(LocalDateTime.now());
        return next == null ? "never" : text.time(next);
    }

}
