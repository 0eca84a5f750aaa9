package datacapsim.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SlaError: the closed set of the SLA contracts' error names, read from a revert by type. */
class SlaErrorTest {
    static final Set<String> SLA_CONTRACTS = Set.of("SLAAllocator", "SLARegistry", "SLAClientContract",
            "SlaBeneficiaryCheck");

    @Test
    void everyErrorTheSlaContractsThrowIsOneConstantAndBack() throws IOException {
        Set<String> thrown = new TreeSet<>();
        Pattern p = Pattern.compile("error\\(\"(\\w+)\"");
        for (String c : SLA_CONTRACTS) {
            Matcher m = p.matcher(Files.readString(Path.of("src/main/java/datacapsim/contracts/" + c + ".java")));
            while (m.find()) thrown.add(m.group(1));
        }
        Set<String> named = new TreeSet<>();
        for (SlaError e : EnumSet.complementOf(EnumSet.of(SlaError.OTHER))) named.add(e.name());
        assertEquals(thrown, named, "SlaError names exactly the errors the SLA contracts revert with");
        for (String name : thrown)
            assertEquals(name, SlaError.of(new ContractError("SLAAllocator", name, "")).name());
    }

    @Test
    void anyOtherNameIsOther() {
        assertEquals(SlaError.OTHER, SlaError.of(new ContractError("ClientContract", "UnfairDistribution", "")));
        assertEquals(SlaError.OTHER, SlaError.of(new ContractError("SLAAllocator", "OTHER", "")));
    }

    @Test
    void beneficiaryProblems() {
        Set<SlaError> expected = EnumSet.of(SlaError.InvalidBeneficiary, SlaError.BeneficiaryInstanceNonexistent,
                SlaError.QuotaNotUnlimited, SlaError.InsufficientBeneficiaryExpiration,
                SlaError.ExpirationBelowFiveYears);
        for (SlaError e : SlaError.values()) assertEquals(expected.contains(e), e.beneficiaryProblem(), e.name());
        assertFalse(SlaError.OTHER.beneficiaryProblem());
    }
}
