package dk.udlaendinge.batch.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;

/**
 * The executions: the filtered, paged list; one execution's detail with its steps and
 * partitions; its live progress (JSON for the page's polling); a renewal run's skipped
 * notices and outputs, and its print batch and manifest (personal data: OPERATOR only,
 * see {@link ConsoleSecurityConfiguration}).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class ExecutionController {

    private final Executions executions;

    private final RunOutputs outputs;

    private final JobRepository repository;

    ExecutionController(Executions executions, RunOutputs outputs, JobRepository repository) {
        this.executions = executions;
        this.outputs = outputs;
        this.repository = repository;
    }

    @GetMapping("/executions")
    String list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "1") String page, Model model) {
        List<String> ignored = new ArrayList<>();
        String j = job != null && Executions.JOBS.contains(job) ? job : blankOr(job, "job", ignored);
        String s = status != null && Executions.STATUSES.contains(status) ? status : blankOr(status, "status", ignored);
        LocalDate f = date(from, "from", ignored);
        LocalDate t = date(to, "to", ignored);
        int p;
        try {
            p = Integer.parseInt(page);
        }
        catch (NumberFormatException e) {
            p = 1;
        }
        Executions.Page result = executions.page(new Executions.Filter(j, s, f, t), p);
        model.addAttribute("page", result);
        model.addAttribute("jobs", Executions.JOBS);
        model.addAttribute("statuses", Executions.STATUSES);
        model.addAttribute("job", j == null ? "" : j);
        model.addAttribute("status", s == null ? "" : s);
        model.addAttribute("from", f == null ? "" : ConsoleText.date(f));
        model.addAttribute("to", t == null ? "" : ConsoleText.date(t));
        model.addAttribute("ignored", ignored);
        return "console/executions";
    }

    @GetMapping("/executions/{id}")
    String detail(@PathVariable long id, Model model) {
        Executions.Row row = row(id);
        model.addAttribute("e", row);
        model.addAttribute("steps", executions.steps(id));
        model.addAttribute("parameters", executions.parameters(id));
        model.addAttribute("progress", row.running() ? executions.progress(id) : null);
        model.addAttribute("renewal", runDate(id) != null);
        model.addAttribute("others", executions.ofRun(row.instanceId()).stream().filter(o -> o.id() != id).toList());
        return "console/execution";
    }

    @GetMapping(path = "/executions/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Progress progress(@PathVariable long id) {
        row(id);
        return executions.progress(id);
    }

    @GetMapping("/executions/{id}/skipped")
    String skipped(@PathVariable long id, Model model) {
        model.addAttribute("e", row(id));
        LocalDate runDate = renewalRunDate(id);
        model.addAttribute("runDate", runDate);
        model.addAttribute("skipped", outputs.skipped(runDate));
        return "console/skipped";
    }

    @GetMapping("/executions/{id}/outputs")
    String outputs(@PathVariable long id, Model model) {
        model.addAttribute("e", row(id));
        LocalDate runDate = renewalRunDate(id);
        model.addAttribute("runDate", runDate);
        List<RunOutputs.ByChannel> byChannel = outputs.byChannel(runDate);
        List<RunOutputs.MunicipalityList> lists = outputs.lists(runDate);
        model.addAttribute("byChannel", byChannel);
        model.addAttribute("paperWritten",
                byChannel.stream()
                    .filter(c -> c.channel().equals("PAPER"))
                    .mapToLong(RunOutputs.ByChannel::written)
                    .sum());
        model.addAttribute("lists", lists);
        model.addAttribute("totals", outputs.totals(lists));
        model.addAttribute("files", outputs.files(runDate));
        return "console/outputs";
    }

    /**
     * The print batch or its manifest: names, addresses and CPR numbers, so OPERATOR
     * only.
     */
    @GetMapping("/executions/{id}/files/{name}")
    ResponseEntity<FileSystemResource> file(@PathVariable long id, @PathVariable String name) {
        LocalDate runDate = renewalRunDate(id);
        Path file = outputs.file(runDate, name)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such file for this run"));
        String download = runDate + "-" + name;
        return ResponseEntity.ok()
            .contentType(name.endsWith(".pdf") ? MediaType.APPLICATION_PDF : new MediaType("text", "csv"))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(download).build().toString())
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(new FileSystemResource(file));
    }

    private Executions.Row row(long id) {
        return executions.one(id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "there is no execution " + id));
    }

    private LocalDate renewalRunDate(long id) {
        row(id);
        LocalDate runDate = runDate(id);
        if (runDate == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "execution " + id + " is not a renewal run");
        }
        return runDate;
    }

    private LocalDate runDate(long id) {
        JobExecution e = repository.getJobExecution(id);
        if (e == null || !e.getJobInstance().getJobName().equals(RenewalNoticeJobConfiguration.JOB)) {
            return null;
        }
        return e.getJobParameters().getLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE);
    }

    private static String blankOr(String value, String name, List<String> ignored) {
        if (value != null && !value.isBlank()) {
            ignored.add(name);
        }
        return null;
    }

    private static LocalDate date(String value, String name, List<String> ignored) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date = ConsoleText.date(value);
        if (date == null) {
            ignored.add(name + " ('" + ConsoleText.shortInput(value) + "': a date is dd.mm.yyyy, years 2000 to 2099)");
        }
        return date;
    }

}
