package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * Makes a generated document readable by a screen reader (docs/RENEWAL-RULES.md §4,
 * "Tagged PDF"): a structure tree (Document with H1, H2 and P elements in reading order),
 * every piece of text drawn inside marked content whose MCID points back at its element
 * (the ParentTree), and everything else (rules, page numbers, the running footer) marked
 * as an artifact that a reader skips. With {@link #finish} the catalog says it is tagged
 * (MarkInfo), in Danish, and that a viewer should show the title rather than the file
 * name; the title is also in the XMP metadata, where PDF/UA looks for it.
 *
 * <p>
 * One instance per document, used by one thread.
 */
final class TaggedPdf {

    /**
     * What a drawing callback may throw: PDFBox writes content with checked exceptions.
     */
    interface Drawing {

        void draw() throws IOException;

    }

    private final PDDocument doc;

    private final PDStructureTreeRoot root = new PDStructureTreeRoot();

    private final PDStructureElement document;

    /** Per page, in page order: the element of each MCID, the MCID being the index. */
    private final Map<PDPage, List<PDStructureElement>> marked = new LinkedHashMap<>();

    TaggedPdf(PDDocument doc) {
        this.doc = doc;
        doc.getDocumentCatalog().setStructureTreeRoot(root);
        document = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
        root.appendKid(document);
    }

    /**
     * A new element ({@code H1}, {@code H2}, {@code P}, ...) at the end of the document,
     * on {@code page}.
     */
    PDStructureElement element(String type, PDPage page) {
        PDStructureElement e = new PDStructureElement(type, document);
        e.setPage(page);
        document.appendKid(e);
        return e;
    }

    /**
     * Draws content that belongs to {@code element}: marked with a fresh MCID on
     * {@code page}.
     */
    void content(PDPageContentStream s, PDPage page, PDStructureElement element, Drawing drawing) throws IOException {
        List<PDStructureElement> onPage = marked.computeIfAbsent(page, p -> new ArrayList<>());
        int mcid = onPage.size();
        onPage.add(element);
        s.beginMarkedContent(COSName.getPDFName(element.getStructureType()), mcid);
        drawing.draw();
        s.endMarkedContent();
        PDMarkedContentReference ref = new PDMarkedContentReference();
        ref.setMCID(mcid);
        ref.setPage(page);
        element.appendKid(ref);
    }

    /**
     * Draws decoration a reader should skip: rules, boxes, running headers and footers.
     */
    static void artifact(PDPageContentStream s, Drawing drawing) throws IOException {
        s.beginMarkedContent(COSName.ARTIFACT);
        drawing.draw();
        s.endMarkedContent();
    }

    /**
     * Writes the ParentTree (every page of the document gets a StructParents key, even
     * one with nothing marked, such as a blank page), MarkInfo, the language, the title
     * display preference and the XMP metadata carrying {@code title}.
     */
    void finish(String title) throws IOException {
        Map<Integer, COSObjectable> parents = new LinkedHashMap<>();
        int key = 0;
        for (PDPage page : doc.getPages()) {
            COSArray elements = new COSArray();
            for (PDStructureElement e : marked.getOrDefault(page, List.of())) {
                elements.add(e);
            }
            page.setStructParents(key);
            // tab order follows the structure: asked of tagged pages by PDF/UA
            page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
            parents.put(key++, elements);
        }
        PDNumberTreeNode parentTree = new PDNumberTreeNode(PDParentTreeValue.class);
        parentTree.setNumbers(parents);
        root.setParentTree(parentTree);
        root.setParentTreeNextKey(key);

        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        PDMarkInfo markInfo = new PDMarkInfo();
        markInfo.setMarked(true);
        catalog.setMarkInfo(markInfo);
        catalog.setLanguage(PdfOutput.LANGUAGE);
        PDViewerPreferences preferences = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
        preferences.setDisplayDocTitle(true);
        catalog.setViewerPreferences(preferences);
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(xmp(title).getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(metadata);
    }

    /**
     * The XMP packet: title, language and author only, like the document information (no
     * personal data).
     */
    static String xmp(String title) {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                + "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(title)
                + "</rdf:li></rdf:Alt></dc:title>\n" + "   <dc:creator><rdf:Seq><rdf:li>"
                + escape(RenewalLetterText.AGENCY) + "</rdf:li></rdf:Seq></dc:creator>\n"
                + "   <dc:language><rdf:Bag><rdf:li>" + PdfOutput.LANGUAGE + "</rdf:li></rdf:Bag></dc:language>\n"
                + "  </rdf:Description>\n" + " </rdf:RDF>\n" + "</x:xmpmeta>\n" + "<?xpacket end=\"w\"?>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
