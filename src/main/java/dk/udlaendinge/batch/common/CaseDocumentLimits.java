package dk.udlaendinge.batch.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.util.unit.DataSize;

/**
 * What a case document must respect besides its root, wherever it is opened (import,
 * send, print): at most {@code maxBytes} ({@code app.documents-max-size}: a document is
 * parsed and mailed, and a 3 GB file that starts with {@code %PDF-} must cost one notice,
 * not the night), and never a file under the output or data folder
 * ({@code app.output-dir}, {@code app.data-dir}): those hold other citizens' letters,
 * print batches and the database, which no documents CSV may attach. The folders are kept
 * as real paths (links resolved; a folder that does not exist yet by its nearest existing
 * parent), as the stored documents are.
 */
public record CaseDocumentLimits(long maxBytes, List<Folder> forbidden) {

    /** The default of {@code app.documents-max-size}. */
    public static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(20);

    /** A folder no case document may lie in, with what the operator calls it. */
    public record Folder(String name, Path real) {
    }

    public CaseDocumentLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the size limit for case documents must be positive, was " + maxBytes);
        }
        forbidden = List.copyOf(forbidden);
    }

    /** The limits the settings give: the size limit, and the output and data folders. */
    public static CaseDocumentLimits of(Folders app, CaseDocumentSettings documents) {
        List<Folder> folders = new ArrayList<>();
        folders.add(new Folder("output folder", real(app.outputDir())));
        folders.add(new Folder("data folder", real(app.dataDir())));
        return new CaseDocumentLimits(documents.documentsMaxSize().toBytes(), folders);
    }

    /**
     * Only the default size limit: for code and tests that have no output or data folder.
     */
    public static CaseDocumentLimits sizeOnly(long maxBytes) {
        return new CaseDocumentLimits(maxBytes, List.of());
    }

    /** The forbidden folder that {@code real} (a real path) lies in, if any. */
    public Optional<Folder> folderHolding(Path real) {
        return forbidden.stream().filter(f -> real.startsWith(f.real())).findFirst();
    }

    /** "20 MB" for messages. */
    public String describeMax() {
        return maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB" : maxBytes + " bytes";
    }

    /**
     * The real path of {@code folder}; for a folder not created yet, its nearest existing
     * parent's real path with the rest appended, so a link above it is still resolved.
     */
    static Path real(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        }
        catch (IOException e) {
            return absolute;
        }
    }
}
