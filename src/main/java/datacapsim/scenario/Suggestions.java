package datacapsim.scenario;

import java.util.Collection;
import java.util.Locale;

/** The "did you mean" of every error about a misspelt name: the closest known name by edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /** The known name closest to a misspelt one (edit distance at most max(2, length / 3)), or null. */
    public static String closest(String name, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return bestD <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** " (did you mean 'x'?)" for a suggestion, "" for none (null). */
    public static String didYouMean(String suggestion) {
        return suggestion == null ? "" : " (did you mean '" + suggestion + "'?)";
    }

    /** {@link #didYouMean} of the {@link #closest} known name. */
    public static String suggest(String name, Collection<String> known) {
        return didYouMean(closest(name, known));
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
