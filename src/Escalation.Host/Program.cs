using Escalation.Host;
using Escalation.Host.Auth;
using Escalation.Host.Infrastructure;
using Escalation.Host.Reference;
using JasperFx;

try
{
    // A start that fails on a transient database fault is tried again with a new host (StartUp).
    for (var attempt = 1; ; attempt++)
    {
        var builder = WebApplication.CreateBuilder(args);
        var reference = ReferenceDataLoader.Load(builder.Configuration);

        // `codegen` writes Wolverine's handler code from the host's configuration alone, so it opens no database.
        await using var database = args is ["codegen", ..] ? Database.Unopened : await Database.OpenAsync(builder.Configuration);
        builder.AddEscalation(database.ConnectionString, reference);

        var app = builder.Build();
        app.MapEscalation();
        if (TokenCommand.IsRequested(args) || SetPasswordCommand.IsRequested(args))
        {
            // Both name a user, who may have been added at runtime: the county as its stream stands, not the start-up file.
            await app.Services.GetRequiredService<Marten.IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await app.Services.GetRequiredService<Escalation.Host.Organisation.CountyStore>().RefreshAsync(CancellationToken.None);
        }
        // The token is signed with the installation's key, which is kept in its database.
        if (TokenCommand.IsRequested(args))
            return TokenCommand.Run(args, builder.Configuration, app.Services.GetRequiredService<Escalation.Host.Organisation.CountyReference>().Current, database.ConnectionString);
        if (SetPasswordCommand.IsRequested(args))
            return await SetPasswordCommand.RunAsync(args, app.Services);
        // With no command the service just runs: JasperFx's command line would first load every assembly in the folder,
        // Roslyn's too, to look for commands (see README, Code generation).
        if (args is [] or [['-', ..], ..])
        {
            if (!await StartUp.TryStartAsync(app, attempt))
                continue;
            await app.WaitForShutdownAsync();
            await app.DisposeAsync();
            return 0;
        }
        return await app.RunJasperFxCommands(args);
    }
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"Escalation cannot start: {e.Message}");
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
