package org.lapsewatch.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.lapsewatch.model.InventoryEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the inventory in the same CSV and YAML shapes {@link InventoryReader} reads, so an export imports unchanged. */
public final class InventoryWriter {
    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private InventoryWriter() {
    }

    public static void write(List<InventoryEntry> entries, InventoryFormat format, Writer out) {
        try {
            switch (format) {
                case CSV -> writeCsv(entries, out);
                case YAML -> YAML.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, entries.stream().map(InventoryFields::values).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCsv(List<InventoryEntry> entries, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        InventoryFields.ALL.forEach(schema::addColumn);
        var rows = entries.stream().map(e -> {
            Map<String, String> row = new LinkedHashMap<>();
            InventoryFields.values(e).forEach((k, v) ->
                    row.put(k, v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : (String) v));
            return row;
        }).toList();
        CSV.writer(schema.build()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, rows);
    }
}
