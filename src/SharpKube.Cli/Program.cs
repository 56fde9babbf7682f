using SharpKube.Cli;

return await SharpKubeCommandLine.RunAsync(args);
