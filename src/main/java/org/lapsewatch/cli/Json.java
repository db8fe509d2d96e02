package org.lapsewatch.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** What {@code --json} prints: one indented JSON value. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** What a streaming writer writes into one JSON value, field by field. */
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * Streams one JSON value to {@code out}, indented exactly as {@link #write} indents it, then a
     * newline. For large outputs (a mail-log report on thousands of domains): building maps for
     * {@link #write} and serializing them cost more than the values themselves.
     */
    static void stream(PrintWriter out, Fields fields) {
        try (JsonGenerator json = MAPPER.writer().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            fields.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        out.println();
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
