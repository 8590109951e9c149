import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;

/** Reads "a<TAB>b" lines and prints the sign of Maven's ComparableVersion a.compareTo(b) per line. */
public class MavenOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            ComparableVersion a = new ComparableVersion(line.substring(0, tab));
            ComparableVersion b = new ComparableVersion(line.substring(tab + 1));
            out.append(Integer.signum(a.compareTo(b))).append('\n');
        }
        System.out.print(out);
    }
}
