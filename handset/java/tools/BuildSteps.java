import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ProGuard;

/**
 * Runs the steps of `npm run build:java` (handset/java/build.ts) one after the other in this one JVM,
 * so that javac and ProGuard start and warm up once instead of once a step. The argument is a file of
 * steps: the tool (javac or proguard), then its arguments one a line; a blank line ends a step.
 */
public final class BuildSteps {
  public static void main(String[] args) throws Exception {
    List<String> step = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) {
        step.add(line);
        continue;
      }
      run(step.get(0), step.subList(1, step.size()).toArray(new String[0]));
      step.clear();
    }
  }

  private static void run(String tool, String[] arguments) throws Exception {
    if (tool.equals("javac")) {
      int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments);
      if (status != 0) throw new IllegalStateException("javac failed with status " + status);
    } else if (tool.equals("proguard")) {
      // What ProGuard's own main does, without its System.exit.
      Configuration configuration = new Configuration();
      ConfigurationParser parser = new ConfigurationParser(arguments, System.getProperties());
      try {
        parser.parse(configuration);
      } finally {
        parser.close();
      }
      new ProGuard(configuration).execute();
    } else {
      throw new IllegalArgumentException("unknown build step " + tool);
    }
  }
}
