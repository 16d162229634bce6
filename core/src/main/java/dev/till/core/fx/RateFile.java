package dev.till.core.fx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses the rate CSV: {@code currency,units_per_usd,countries}; {@code #} starts a comment. */
final class RateFile {
    private RateFile() {}

    static RateTable parse(InputStream in, String name) throws IOException {
        Map<String, BigDecimal> rates = new HashMap<>();
        Map<String, Set<String>> countries = new HashMap<>();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] f = t.split(",", -1);
            if (f.length < 2 || !f[0].strip().matches("[A-Z]{3}")) throw new IOException(name + " line " + n + ": expected currency,units_per_usd,countries");
            BigDecimal rate;
            try {
                rate = new BigDecimal(f[1].strip());
            } catch (NumberFormatException e) {
                throw new IOException(name + " line " + n + ": not a decimal rate: " + f[1]);
            }
            if (rate.signum() <= 0) throw new IOException(name + " line " + n + ": a rate must be positive");
            rates.put(f[0].strip(), rate);
            countries.put(f[0].strip(), f.length < 3 ? Set.of()
                    : Arrays.stream(f[2].strip().split("\\s+")).filter(c -> !c.isEmpty()).collect(Collectors.toUnmodifiableSet()));
        }
        if (!rates.containsKey("USD")) throw new IOException(name + ": the table must list USD (the base)");
        return new RateTable(rates, countries);
    }
}
