package org.lapsewatch.inventory;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats the inventory imports and exports. */
public enum InventoryFormat {
    CSV, YAML;

    /** The format a file name's extension says ({@code .csv}, {@code .yml}, {@code .yaml}), if any. */
    public static InventoryFormat fromFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return YAML;
        }
        throw new IllegalArgumentException(file + ": cannot tell the format from the file name; pass --format csv or --format yaml");
    }
}
