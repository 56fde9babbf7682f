using SharpKube.Cli;
using SharpKube.Cli.Hosting;

GcGen0Budget.ReexecuteIfWanted(args);
return await SharpKubeCommandLine.RunAsync(args);
