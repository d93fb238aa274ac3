using Escalation.Domain.Reference;

namespace Escalation.Domain.Organisation;

/// <summary>What an administrator's change decided: the event to append, or why not (with every problem the county's checks found).</summary>
public sealed record CountyDecision(IReadOnlyList<ICountyEvent> Events, Rejection? Rejection, IReadOnlyList<string> Problems)
{
    public static CountyDecision Accept(IReadOnlyList<ICountyEvent> events) => new(events, null, []);

    public static CountyDecision Reject(string code, string message, IReadOnlyList<string>? problems = null) =>
        new([], new Rejection(code, message), problems ?? []);
}

/// <summary>
/// Decides a change to the county: the entry it names must exist (or, when added, not yet), the county it leaves must pass
/// every check the start-up file passes (<see cref="ReferenceDataParser"/>), a unit holding open tickets stays, the county
/// keeps an administrator, and a change must change something.
/// </summary>
public static class CountyChanges
{
    public static CountyDecision Decide(CountyFile county, ICountyEvent change, IReadOnlySet<string> openTicketsIn) =>
        Decide(county, [change], openTicketsIn);

    /// <summary>Changes made together (a spreadsheet of users): each entry checked on the county as the ones before left it, the result checked once.</summary>
    /// <param name="openTicketsIn">The units that hold, or are the place of, a ticket not yet closed.</param>
    public static CountyDecision Decide(CountyFile county, IReadOnlyList<ICountyEvent> changes, IReadOnlySet<string> openTicketsIn)
    {
        var after = county;
        try
        {
            foreach (var change in changes)
            {
                if (Missing(after, change) is { } missing)
                    return CountyDecision.Reject(RuleCodes.CountyNoSuchEntry, $"There is no {missing} in the county.");
                if (Existing(after, change) is { } existing)
                    return CountyDecision.Reject(RuleCodes.CountyEntryExists, $"The county already has a {existing}.");
                if (change is UnitRemoved removed && openTicketsIn.Contains(removed.UnitCode))
                    return CountyDecision.Reject(RuleCodes.UnitHasOpenTickets, $"Unit {removed.UnitCode} holds or is the place of tickets not yet closed: it cannot be removed.");
                after = after.With(change);
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            return Invalid([ReferenceDataParser.Malformed(e)]);
        }

        ReferenceData reference;
        try
        {
            reference = after.Read(0);
        }
        catch (ReferenceDataException e)
        {
            return Invalid(e.Errors);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Invalid([ReferenceDataParser.Malformed(e)]);
        }
        if (after.SameAs(county))
            return CountyDecision.Reject(RuleCodes.CountyUnchanged, "The county already stands so: nothing would change.");
        if (!reference.Users.Any(u => u.Role == Role.Administrator && !u.Disabled))
            return CountyDecision.Reject(RuleCodes.LastAdministrator, "The county would have no administrator left who may sign in.");
        return CountyDecision.Accept(changes);
    }

    private static CountyDecision Invalid(IReadOnlyList<string> problems) =>
        CountyDecision.Reject(RuleCodes.CountyInvalid, $"The county would not be valid: {problems[0]}{(problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "")}.", problems);

    private static string? Missing(CountyFile county, ICountyEvent change) => change switch
    {
        UserChanged x when !county.HasUser(x.User.Id) => $"user {x.User.Id}",
        UserDisabled x when !county.HasUser(x.UserId) => $"user {x.UserId}",
        UnitChanged x when !county.HasUnit(x.Unit.Code) => $"unit {x.Unit.Code}",
        UnitRemoved x when !county.HasUnit(x.UnitCode) => $"unit {x.UnitCode}",
        DepartmentChanged x when !county.HasDepartment(x.Department.Code) => $"department {x.Department.Code}",
        MatterChanged x when !county.HasMatter(x.Matter.Code) => $"matter {x.Matter.Code}",
        _ => null,
    };

    private static string? Existing(CountyFile county, ICountyEvent change) => change switch
    {
        UserAdded x when county.HasUser(x.User.Id) => $"user {x.User.Id}",
        UnitAdded x when county.HasUnit(x.Unit.Code) => $"unit {x.Unit.Code}",
        DepartmentAdded x when county.HasDepartment(x.Department.Code) => $"department {x.Department.Code}",
        MatterAdded x when county.HasMatter(x.Matter.Code) => $"matter {x.Matter.Code}",
        _ => null,
    };
}
