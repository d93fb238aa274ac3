using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Escalation.Projections.Privacy;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Host.Commands;
using Escalation.Host.Organisation;
using Escalation.Host.Features.Integrity;
using Escalation.Host.Features.Timers;
using Escalation.Host.Infrastructure;
using Escalation.Host.Notifications;
using Escalation.Host.Reference;
using Escalation.Host.WebConsole;
using Escalation.Projections;
using JasperFx.CodeGeneration;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Escalation.Host;

/// <summary>How the host is deployed: one node (the default) or several nodes sharing one database.</summary>
public enum DeploymentShape { SingleNode, MultiNode }

public static class HostSetup
{
    public const string ServiceName = "Escalation";

    public static void AddEscalation(this WebApplicationBuilder builder, string connectionString, ReferenceData reference)
    {
        var shape = builder.Configuration.GetValue("Escalation:Deployment", DeploymentShape.SingleNode);
        // Development generates Wolverine's handler code and compiles it with Roslyn at start-up; elsewhere the host
        // loads the types the build generated into this assembly (see README, Code generation).
        var codegen = builder.Configuration.GetValue("Escalation:Codegen",
            builder.Environment.IsDevelopment() ? TypeLoadMode.Dynamic : TypeLoadMode.Static);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddCounty(reference);
        builder.Services.AddHostedService<CalendarCoverageCheck>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Escalation:Process").Get<CountySettings>() ?? CountySettings.Default);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Escalation:Rankings").Get<Features.Statistics.RankingSettings>() ?? new Features.Statistics.RankingSettings());
        builder.Services.AddSingleton<DecisionContexts>();
        builder.Services.AddSingleton<CommandPipeline>();
        builder.AddNotifications();
        builder.Services.AddSingleton<Features.Intake.TicketNumbers>();
        builder.Services.AddSingleton<Features.Tickets.TicketQueues>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ApiCommands>();
        builder.Services.AddSingleton<Features.Privacy.PersonalDataLog>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = UnreadableBody.Rewrite);
        builder.Services.AddExceptionHandler<DatabaseOutage>();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => NulInPath.Guard(next, kestrel.Limits.MaxRequestLineSize)));
        });
        builder.AddSignIn(connectionString);
        builder.AddConsole();
        builder.Services.AddNpgsqlDataSource(WithPreparedStatements(connectionString));

        var marten = builder.Services.AddMarten(opts =>
            {
                opts.DatabaseSchemaName = "escalation";
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, configure: json =>
                    json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(CitizenTexts.KeepApart));
                opts.AddEscalationReadModels();
                opts.Schema.For<CitizenContact>().Index(x => x.Phone!);
                opts.Schema.For<Features.Privacy.PersonalDataViewed>().Index(x => x.TicketId).Index(x => x.UserId).Index(x => x.At);
                opts.Schema.For<IdempotencyRecord>();
                opts.Schema.For<Account>();
                opts.Schema.For<SignInRecord>().Index(x => x.At).Index(x => x.UserId);
                opts.AddNotifications();
                opts.AddCountyEvents();
                Features.Intake.TicketNumbers.AddSchema(opts);
                opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                opts.OpenTelemetry.TrackEventCounters();
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine(integration =>
                integration.UseWolverineManagedEventSubscriptionDistribution = shape == DeploymentShape.MultiNode);
        // Marten's own HotCold daemon cannot take its advisory lock with the DistributedLock build we restore
        // (see README), so one node runs the daemon Solo and several nodes let Wolverine distribute it.
        if (shape == DeploymentShape.SingleNode)
            marten.AddAsyncDaemon(DaemonMode.Solo);
        builder.AddCountyListener();

        builder.Host.UseWolverine(opts =>
        {
            opts.ServiceName = ServiceName;
            opts.CodeGeneration.TypeLoadMode = codegen;
            opts.Durability.Mode = shape == DeploymentShape.SingleNode ? DurabilityMode.Solo : DurabilityMode.Balanced;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            ConfigureTimers(opts, builder.Configuration);
            opts.AddSafeguards(builder.Configuration);
            opts.AddNotifications();
            opts.AddCounty();
        });
        builder.Services.AddWolverineHttp();
        builder.Services.AddOpenApi(openApi => openApi.AddOperationTransformer(OpenApiSetup.DeclareCommandHeaders).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Escalation API";
            document.Info.Description =
                "Citizen requests through tiered grassroots handling. Send a bearer token (the host's `token` command prints one). " +
                "Errors are RFC 7807 problem details; a refused process rule is 422 with its `code`.";
            return Task.CompletedTask;
        }));

        builder.Services.AddSingleton(new DigestFile(DigestFile.ResolveFolder(builder.Configuration)));
        builder.Services.AddSingleton<DailyDigest>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DailyDigest>());

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        AddTelemetry(builder);
    }

    public static void MapEscalation(this WebApplication app)
    {
        // Who called and over what (behind a proxy), and the security headers on every answer, errors included.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.Use(NulInPath.Answer);
        // An exception is a 503 when the database cannot be reached, else a 500; both with problem details.
        app.UseExceptionHandler();
        // Answers that would have no body (415, an unmatched route, 401) get problem details too.
        app.UseStatusCodePages();
        app.UseConsoleStatusPages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseConsoleLanguage();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapWolverineEndpoints(http =>
        {
            http.RequireAuthorizeOnAll();
            // '?page=abc' is a 400 with problem details, not page 0.
            http.RejectUnparseableQueryValues = true;
            http.ConfigureEndpoints(OpenApiSetup.DeclareProblems);
        });
        app.MapConsole();
        app.MapNotifications();
        app.MapOpenApi();
        app.MapScalarApiReference();
    }

    /// <summary>
    /// Npgsql prepares the statements the host sends most (Marten's appends, upserts and loads, Wolverine's envelopes)
    /// on each pooled connection, unless the connection string says otherwise: PostgreSQL then stops parsing and
    /// planning them on every call, which took about a third of its CPU per ticket opened (see README, Benchmarks).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey tells whether a keyword exists, not whether it was given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare), StringComparison.OrdinalIgnoreCase));
        return given ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    /// <summary>
    /// Wolverine polls for due scheduled messages every 5 s and takes 100 at a time by default: a county's
    /// 09:00 burst of 10,000 timers would take minutes. Poll often and take large pages (see README, Timers).
    /// </summary>
    private static void ConfigureTimers(WolverineOptions opts, IConfiguration configuration)
    {
        var durability = opts.Durability;
        var pollingInterval = configuration.GetValue("Escalation:Timers:PollingInterval", TimeSpan.FromMilliseconds(250));
        durability.ScheduledJobPollingTime = pollingInterval;
        durability.ScheduledJobFirstExecution = pollingInterval;
        durability.RecoveryBatchSize = configuration.GetValue("Escalation:Timers:BatchSize", 2000);
        opts.Services.AddSingleton<TicketClaims>();
        opts.BatchMessagesOf<TimeLimitDue>(batching =>
            {
                batching.BatchSize = configuration.GetValue("Escalation:Timers:HandlerBatchSize", 100);
                batching.TriggerTime = configuration.GetValue("Escalation:Timers:HandlerBatchWait", TimeSpan.FromMilliseconds(50));
            })
            .MaximumParallelMessages(configuration.GetValue("Escalation:Timers:Parallelism", 5));
    }

    /// <summary>
    /// Traces only when there is somewhere to send them: a tracer provider listens to every source it names, so without
    /// an exporter each HTTP request, message and SQL command would still build an activity and its tags only to drop
    /// them. The metrics are kept in the process either way (a test's exporter, or one added later, reads them).
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Npgsql")
                // Wolverine names its meter after the service ("Wolverine:Escalation"), not "Wolverine".
                .AddMeter($"Wolverine:{ServiceName}")
                .AddMeter("Marten")
                .AddMeter(TimeLimitDueHandler.MeterName));
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return;
        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddSource("Wolverine")
                .AddSource("Marten"))
            .UseOtlpExporter();
    }
}
