using Escalation.Domain.Organisation;
using Escalation.Domain.Reference;
using Marten;
using Wolverine;

namespace Escalation.Host.Organisation;

public static class CountySetup
{
    /// <summary>
    /// The county's reference data from its own stream: the snapshot in force, resolved per use (requests, pages, the
    /// command pipeline), and the listener that keeps it current on every node.
    /// </summary>
    public static void AddCounty(this WebApplicationBuilder builder, ReferenceData startup)
    {
        builder.Services.AddSingleton(new CountyReference(startup));
        // Transient, not a singleton: whoever asks gets the snapshot in force now. A singleton holding one would keep
        // it forever, so singletons take CountyReference instead.
        builder.Services.AddTransient(services => services.GetRequiredService<CountyReference>().Current);
        builder.Services.AddSingleton<CountyStore>();
        builder.Services.RefuseDisabledUsers();
    }

    /// <summary>After Marten's own start-up work (its schema), which hosted services registered earlier do first.</summary>
    public static void AddCountyListener(this WebApplicationBuilder builder) => builder.Services.AddHostedService<CountyListener>();

    /// <summary>Endpoints and handlers resolve the reference data per call, from the snapshot in force (a factory, so Wolverine must locate it).</summary>
    public static void AddCounty(this WolverineOptions opts) => opts.CodeGeneration.AlwaysUseServiceLocationFor<ReferenceData>();

    /// <summary>The county's events under names of their own, so another stream's event of the same class name cannot take them.</summary>
    public static void AddCountyEvents(this StoreOptions opts)
    {
        opts.Events.MapEventType<CountyImported>("county_imported");
        opts.Events.MapEventType<UserAdded>("county_user_added");
        opts.Events.MapEventType<UserChanged>("county_user_changed");
        opts.Events.MapEventType<UserDisabled>("county_user_disabled");
        opts.Events.MapEventType<UnitAdded>("county_unit_added");
        opts.Events.MapEventType<UnitChanged>("county_unit_changed");
        opts.Events.MapEventType<UnitRemoved>("county_unit_removed");
        opts.Events.MapEventType<DepartmentAdded>("county_department_added");
        opts.Events.MapEventType<DepartmentChanged>("county_department_changed");
        opts.Events.MapEventType<MatterAdded>("county_matter_added");
        opts.Events.MapEventType<MatterChanged>("county_matter_changed");
        opts.Events.MapEventType<TimeLimitsChanged>("county_time_limits_changed");
    }
}
