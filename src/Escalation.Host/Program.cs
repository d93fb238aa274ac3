using Escalation.Host;
using Escalation.Host.Auth;
using Escalation.Host.Infrastructure;
using Escalation.Host.Reference;
using JasperFx;

try
{
    var builder = WebApplication.CreateBuilder(args);
    var reference = ReferenceDataLoader.Load(builder.Configuration);

    // `codegen` writes Wolverine's handler code from the host's configuration alone, so it opens no database.
    await using var database = args is ["codegen", ..] ? Database.Unopened : await Database.OpenAsync(builder.Configuration);
    // The token is signed with the installation's key, which is kept in its database.
    if (TokenCommand.IsRequested(args))
        return TokenCommand.Run(args, builder.Configuration, reference, database.ConnectionString);
    builder.AddEscalation(database.ConnectionString, reference);

    var app = builder.Build();
    app.MapEscalation();
    if (SetPasswordCommand.IsRequested(args))
        return await SetPasswordCommand.RunAsync(args, app.Services);
    // With no command the service just runs: JasperFx's command line would first load every assembly in the folder,
    // Roslyn's too, to look for commands (see README, Code generation).
    if (args is [] or [['-', ..], ..])
    {
        await app.RunAsync();
        return 0;
    }
    return await app.RunJasperFxCommands(args);
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"Escalation cannot start: {e.Message}");
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
