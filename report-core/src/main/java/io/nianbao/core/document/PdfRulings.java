package io.nianbao.core.document;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;

/**
 * The vertical rules of a page's tables (lines and thin rectangles, stroked or filled), in the
 * text's coordinates (y from the top). A cell of a ruled table lies between two of them, so a blank
 * cell, which prints no glyph, still has its place.
 */
final class PdfRulings extends PDFGraphicsStreamEngine {

    /** A vertical segment at x from y0 to y1 (y0 &lt; y1, from the top of the page). */
    record Vertical(double x, double y0, double y1) {
    }

    private final double pageTop;
    private final List<double[]> path = new ArrayList<>(); // x0, y0, x1, y1 in PDF space
    private final List<Vertical> verticals = new ArrayList<>();
    private Point2D current;
    private Point2D start;

    private final double pageLeft;
    private final double pageRight;

    private PdfRulings(PDPage page) {
        super(page);
        this.pageTop = page.getCropBox().getUpperRightY();
        this.pageLeft = page.getCropBox().getLowerLeftX();
        this.pageRight = page.getCropBox().getUpperRightX();
    }

    static List<Vertical> of(PDPage page) {
        PdfRulings r = new PdfRulings(page);
        try {
            r.processPage(page);
        } catch (IOException | RuntimeException e) {
            return List.of(); // a page whose drawing cannot be read has no rules to go by
        }
        return r.verticals;
    }

    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
        double minX = Math.min(Math.min(p0.getX(), p1.getX()), Math.min(p2.getX(), p3.getX()));
        double maxX = Math.max(Math.max(p0.getX(), p1.getX()), Math.max(p2.getX(), p3.getX()));
        double minY = Math.min(Math.min(p0.getY(), p1.getY()), Math.min(p2.getY(), p3.getY()));
        double maxY = Math.max(Math.max(p0.getY(), p1.getY()), Math.max(p2.getY(), p3.getY()));
        // a background as wide as the page is no rule of a table
        if (maxX - minX > 0.8 * (pageRight - pageLeft)) return;
        path.add(new double[] {minX, minY, minX, maxY});
        if (maxX - minX > 2) path.add(new double[] {maxX, minY, maxX, maxY});
    }

    @Override
    public void moveTo(float x, float y) {
        current = new Point2D.Float(x, y);
        start = current;
    }

    @Override
    public void lineTo(float x, float y) {
        Point2D next = new Point2D.Float(x, y); // the operators pass device coordinates already
        if (current != null) path.add(new double[] {current.getX(), current.getY(), next.getX(), next.getY()});
        current = next;
    }

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        current = new Point2D.Float(x3, y3);
    }

    @Override
    public Point2D getCurrentPoint() {
        return current;
    }

    @Override
    public void closePath() {
        if (current != null && start != null) path.add(new double[] {current.getX(), current.getY(), start.getX(), start.getY()});
        current = start;
    }

    @Override
    public void endPath() {
        path.clear();
    }

    @Override
    public void strokePath() {
        keep();
    }

    @Override
    public void fillPath(int windingRule) {
        keep();
    }

    @Override
    public void fillAndStrokePath(int windingRule) {
        keep();
    }

    @Override
    public void clip(int windingRule) {
        // a clip draws nothing; the path is ended by the operator that follows
    }

    @Override
    public void drawImage(PDImage pdImage) {
    }

    @Override
    public void shadingFill(COSName shadingName) {
    }

    private void keep() {
        for (double[] s : path) {
            if (Math.abs(s[0] - s[2]) <= 1.5 && Math.abs(s[1] - s[3]) > 3) {
                double x = (s[0] + s[2]) / 2;
                if (x < pageLeft + 5 || x > pageRight - 5) continue;
                double top0 = pageTop - Math.max(s[1], s[3]);
                double top1 = pageTop - Math.min(s[1], s[3]);
                verticals.add(new Vertical(x, top0, top1));
            }
        }
        path.clear();
    }
}
