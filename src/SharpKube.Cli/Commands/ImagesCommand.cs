using System.CommandLine;
using SharpKube.Kubelet.Images;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube images build --output-dir DIR</c>: writes the images a node needs offline as OCI archives —
/// <c>pause.tar</c> (SharpKube's sandbox image) and <c>busybox.tar</c> (the test image, from the machine's
/// <c>/bin/busybox</c>) — ready for <c>ctr images import</c>. <c>make build</c> runs it to produce <c>bin/images</c>.
/// </summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var outputDir = new Option<string>("--output-dir")
        {
            Description = "The directory to write pause.tar and busybox.tar to (created when missing)",
            HelpName = "DIR",
            Required = true,
        };
        var busybox = new Option<string>("--busybox")
        {
            Description = "The static busybox binary the busybox image is built from",
            HelpName = "FILE",
            DefaultValueFactory = _ => BusyboxImage.DefaultBusyboxPath,
        };
        var build = new Command("build", "Write the pause and busybox images as OCI archives") { outputDir, busybox };
        build.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
            BuildAsync(parseResult.GetValue(outputDir)!, parseResult.GetValue(busybox)!, parseResult.InvocationConfiguration.Output, cancellationToken)));

        // A build step rather than something users run, so it stays out of the help text.
        return new Command("images", "Build the images a node needs offline") { Hidden = true, Subcommands = { build } };
    }

    private static async Task<int> BuildAsync(string outputDir, string busyboxPath, TextWriter output, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDir);
        var pausePath = Path.Combine(outputDir, "pause.tar");
        var pause = await PauseImage.WriteAsync(pausePath, cancellationToken);
        await output.WriteLineAsync($"{pausePath}: {PauseImage.Reference} (image id {pause.Config})");

        var busyboxImage = await BusyboxImage.LoadAsync(busyboxPath, cancellationToken);
        var busyboxArchive = Path.Combine(outputDir, "busybox.tar");
        var written = await busyboxImage.WriteAsync(busyboxArchive, cancellationToken);
        await output.WriteLineAsync($"{busyboxArchive}: {BusyboxImage.Reference} (image id {written.Config})");
        return 0;
    }
}
