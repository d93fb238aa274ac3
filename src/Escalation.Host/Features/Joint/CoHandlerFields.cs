using Escalation.Domain;
using Escalation.Domain.Joint;
using Escalation.Host.Api;

namespace Escalation.Host.Features.Joint;

/// <summary>A co-handler a triage or a transfer names: the department, its part, and when it is due (none: the county's limit to resolve).</summary>
public sealed record CoHandlerRequest(string? DepartmentCode, string? Task, DateTimeOffset? Due);

/// <summary>A dispatch's co-handlers (协办): checked as the dispatch's own fields, and its command wrapped so they are named with it.</summary>
public static class CoHandlerFields
{
    public const int MaxCoHandlers = 10;

    public static Func<Actor, ITicketCommand> Wrap(Fields fields, CoHandlerRequest?[]? asked, Func<Actor, ITicketCommand> dispatch)
    {
        if (asked is not { Length: > 0 })
            return dispatch;
        if (asked.Length > MaxCoHandlers)
            fields.Add("coHandlers", $"must name at most {MaxCoHandlers} co-handlers.");
        var coHandlers = new List<CoHandler>();
        for (var i = 0; i < asked.Length; i++)
        {
            var department = fields.Text(asked[i]?.DepartmentCode, $"coHandlers[{i}].departmentCode", 64);
            var task = fields.Text(asked[i]?.Task, $"coHandlers[{i}].task", 1000);
            if (department is not null && task is not null)
                coHandlers.Add(new CoHandler(Guid.CreateVersion7(), department, task, asked[i]!.Due));
        }
        return by => new DispatchWithCoHandlers(dispatch(by), coHandlers);
    }
}
