package dk.udlaendinge.batch.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Case documents an attacker or a broken scanner delivers, as real files. */
public final class HostilePdfs {

    private HostilePdfs() {
    }

    /**
     * A PDF that loads and has pages, but whose structure tree is malformed (its ID tree
     * holds numbers where names belong): PDFBox opens it, and fails only half-way through
     * merging it, after its pages were appended.
     */
    public static Path malformedStructureTree(Path target, int pages) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 720);
                    text.showText("Malformed structure tree, page " + (i + 1));
                    text.endText();
                }
            }
            COSDictionary root = new COSDictionary();
            root.setItem(COSName.TYPE, COSName.STRUCT_TREE_ROOT);
            COSDictionary idTree = new COSDictionary();
            COSArray names = new COSArray();
            names.add(COSInteger.get(5));
            names.add(COSInteger.get(6));
            idTree.setItem(COSName.NAMES, names);
            root.setItem(COSName.ID_TREE, idTree);
            root.setItem(COSName.K, new COSArray());
            // a parent tree with an entry: only then does PDFBox merge the structure
            // tree, after the pages
            COSDictionary element = new COSDictionary();
            element.setItem(COSName.S, COSName.getPDFName("P"));
            COSArray nums = new COSArray();
            nums.add(COSInteger.get(0));
            nums.add(element);
            COSDictionary parentTree = new COSDictionary();
            parentTree.setItem(COSName.NUMS, nums);
            root.setItem(COSName.PARENT_TREE, parentTree);
            root.setInt(COSName.PARENT_TREE_NEXT_KEY, 1);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.STRUCT_TREE_ROOT, root);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.MARK_INFO, markInfo());
            doc.save(target.toFile());
        }
        return target;
    }

    private static COSDictionary markInfo() {
        COSDictionary markInfo = new COSDictionary();
        markInfo.setBoolean(COSName.getPDFName("Marked"), true);
        return markInfo;
    }

    /**
     * A file of {@code bytes} that starts with {@code %PDF-} and is otherwise a hole:
     * sparse, so gigabytes cost no disk.
     */
    public static Path sparsePdf(Path target, long bytes) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
            file.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            file.setLength(bytes);
        }
        return target;
    }

}
