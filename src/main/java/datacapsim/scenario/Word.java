package datacapsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A closed set of scenario words: an enum whose constants each carry the word a scenario file writes. Its word is
 * the constant's name in lower case with '-' for '_' ({@code FIP_0081} is {@code fip-0081}) unless the enum says
 * otherwise; each enum's {@code toString} returns its word, which is how the loader reads and writes it and how
 * messages, manifests and tables print it. A field of such a type allows exactly its constants' words.
 */
public interface Word {
    /** The constant's name (an enum's own). */
    String name();

    /** The word a scenario file writes. */
    default String word() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** The words of an enum of words, in declaration order. */
    static List<String> words(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (Object c : type.getEnumConstants()) out.add(((Word) c).word());
        return out;
    }

    /** The constant of {@code type} whose word is {@code word}, if any. */
    static <E extends Enum<E> & Word> Optional<E> find(Class<E> type, String word) {
        for (E c : type.getEnumConstants()) if (c.word().equals(word)) return Optional.of(c);
        return Optional.empty();
    }

    /** Whether {@code type} is an enum of words. */
    static boolean isWords(Class<?> type) { return type != null && type.isEnum() && Word.class.isAssignableFrom(type); }
}
