import java.io.InputStream;
import java.util.Enumeration;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Test oracle: what the JDK itself reads from each jar named on the command line, one
 * tab-separated line per fact, for airlock's Java cataloger tests to compare with.
 *   <jar>\tpom\t<groupId>:<artifactId>:<version>   for each META-INF/maven/** /pom.properties
 *   <jar>\tmf\t<attribute>\t<value>                 main-section manifest attributes airlock reads
 * Run as a single-file program: java JarFacts.java a.jar b.jar ...
 */
public class JarFacts {
  static final String[] ATTRIBUTES = {
    "Implementation-Title", "Implementation-Version", "Implementation-Vendor-Id",
    "Bundle-Name", "Bundle-SymbolicName", "Bundle-Version", "Specification-Version",
  };

  public static void main(String[] args) throws Exception {
    for (String path : args) {
      try (JarFile jar = new JarFile(path, false)) {
        TreeSet<String> poms = new TreeSet<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
          JarEntry entry = e.nextElement();
          String name = entry.getName();
          if (!name.startsWith("META-INF/maven/") || !name.endsWith("/pom.properties")) continue;
          Properties p = new Properties();
          try (InputStream in = jar.getInputStream(entry)) { p.load(in); }
          poms.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":" + p.getProperty("version"));
        }
        for (String pom : poms) System.out.println(path + "\tpom\t" + pom);
        if (jar.getManifest() == null) continue;
        Attributes main = jar.getManifest().getMainAttributes();
        for (String a : ATTRIBUTES) {
          String v = main.getValue(a);
          if (v != null) System.out.println(path + "\tmf\t" + a + "\t" + v.trim());
        }
      }
    }
  }
}
