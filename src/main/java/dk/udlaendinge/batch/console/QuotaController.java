package dk.udlaendinge.batch.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import java.nio.file.Path;

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
import org.springframework.web.server.ResponseStatusException;

/**
 * The quota revisions of a year and their national workbooks (figures per municipality,
 * no personal data).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class QuotaController {

    private final QuotaRevisions revisions;

    QuotaController(QuotaRevisions revisions) {
        this.revisions = revisions;
    }

    @GetMapping("/quota")
    String years(Model model) {
        model.addAttribute("years", revisions.years());
        model.addAttribute("year", null);
        return "console/quota";
    }

    @GetMapping("/quota/{year:[0-9]{4}}")
    String year(@PathVariable int year, Model model) {
        model.addAttribute("years", revisions.years());
        model.addAttribute("year", year);
        model.addAttribute("revisions", revisions.revisions(year));
        return "console/quota";
    }

    @GetMapping("/quota/{year:[0-9]{4}}/{revision:[0-9]{1,4}}/workbook")
    ResponseEntity<FileSystemResource> workbook(@PathVariable int year, @PathVariable int revision) {
        Path file = revisions.workbook(year, revision)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such workbook"));
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                        .filename("kvoter-" + year + "-revision-" + revision + ".xlsx")
                        .build()
                        .toString())
            .body(new FileSystemResource(file));
    }

}
