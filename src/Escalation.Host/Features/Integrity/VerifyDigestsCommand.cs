using JasperFx.CommandLine;
using Marten;

namespace Escalation.Host.Features.Integrity;

/// <summary><c>verify-digests</c>: the check of <c>GET /api/integrity/verify</c>, from the command line, without starting the service.</summary>
[Description("Checks the database against the daily integrity digests and names the first digest that no longer matches", Name = "verify-digests")]
public sealed class VerifyDigestsCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var file = host.Services.GetRequiredService<DigestFile>();
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var result = await DigestVerifier.VerifyAsync(file, session, CancellationToken.None);

        Console.WriteLine($"{result.Digests} digest(s) in {result.File}, the last through event {result.Through}.");
        if (result.FirstMismatch is not { } mismatch)
        {
            Console.WriteLine("Every digest matches the database.");
            return true;
        }
        Console.WriteLine($"Digest at line {mismatch.Line} ({mismatch.Date?.ToString("yyyy-MM-dd") ?? "-"}) no longer matches: {mismatch.Reason}.");
        if (mismatch.Reason == "heads")
            Console.WriteLine($"  digest: {mismatch.DigestStreams} streams, root {mismatch.DigestRoot}{Environment.NewLine}  now:    {mismatch.ActualStreams} streams, root {mismatch.ActualRoot}");
        return false;
    }
}
