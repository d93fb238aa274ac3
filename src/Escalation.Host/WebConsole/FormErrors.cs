using System.Net;
using Escalation.Domain;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Html;

namespace Escalation.Host.WebConsole;

/// <summary>
/// Why a form was not accepted, in words next to each field: the API's field checks and the process rules that concern
/// one field land on it; anything else, and a conflict with someone who acted first, goes above the form.
/// </summary>
public sealed class FormErrors
{
    /// <summary>The field of the API's request each rule is about, when it is about one.</summary>
    private static readonly Dictionary<string, string> RuleFields = new()
    {
        [RuleCodes.DescriptionRequired] = "description",
        [RuleCodes.DescriptionTooLong] = "description",
        [RuleCodes.AddressTooLong] = "location.address",
        [RuleCodes.CitizenNameTooLong] = "citizen.name",
        [RuleCodes.ImplausiblePhone] = "citizen.phone",
        [RuleCodes.LocationRequired] = "location.villageCode",
        [RuleCodes.UnknownLocation] = "location.villageCode",
        [RuleCodes.GridNotInVillage] = "location.villageCode",
        [RuleCodes.UnknownCategory] = "categoryCode",
        [RuleCodes.HandlingUnitOutsideLocation] = "unitCode",
        [RuleCodes.ReasonRequired] = "reason",
        [RuleCodes.EscalationReasonReserved] = "reason",
        [RuleCodes.NoteRequired] = "note",
        [RuleCodes.SummaryRequired] = "summary",
        [RuleCodes.DepartmentsRequired] = "departmentCodes",
        [RuleCodes.DuplicateDepartment] = "departmentCodes",
        [RuleCodes.UnknownDepartment] = "departmentCodes",
        [RuleCodes.DepartmentLacksPower] = "departmentCodes",
    };

    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.OrdinalIgnoreCase);

    public string? General { get; private set; }

    public bool Conflict { get; private set; }

    public bool Any => General is not null || _byField.Count > 0;

    /// <summary>The reasons beside a field, each in an element tests and screen readers can find by the field's name.</summary>
    public IHtmlContent Show(string field)
    {
        var html = new HtmlContentBuilder();
        foreach (var message in For(field))
            html.AppendHtml($"<span class=\"error\" data-field=\"{WebUtility.HtmlEncode(field)}\">{WebUtility.HtmlEncode(message)}</span>");
        return html;
    }

    /// <summary>"true" when the field has reasons against it, for its aria-invalid attribute.</summary>
    public string Invalid(string field) => For(field).Count > 0 ? "true" : "false";

    /// <summary>Every reason beside a field, in the order added: the error summary above a form lists them.</summary>
    public IEnumerable<(string Field, string Message)> ByField => _byField.SelectMany(f => f.Value.Select(m => (f.Key, m)));

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var messages) ? messages : [];

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
            _byField[field] = messages = [];
        messages.Add(message);
    }

    /// <param name="formField">The form's name for a field of the API's request.</param>
    public static FormErrors From(CommandResult result, Texts texts, Func<string, string> formField)
    {
        var errors = new FormErrors();
        switch (result)
        {
            case CommandResult.StaleVersion or CommandResult.Conflict:
                errors.Conflict = true;
                errors.General = texts["conflict"];
                break;
            case CommandResult.InvalidFields invalid:
                foreach (var (field, reasons) in invalid.Errors)
                {
                    foreach (var reason in reasons)
                        errors.Add(formField(field), texts.Reason(reason));
                }
                break;
            case CommandResult.Refused { Rejection: var rejection }:
                var rule = texts.Rule(rejection.Code, rejection.Message);
                if (RuleFields.TryGetValue(rejection.Code, out var ruleField))
                    errors.Add(formField(ruleField), rule);
                else
                    errors.General = texts.Format("problem", rule);
                break;
            case CommandResult.Forbidden:
                errors.General = texts["forbidden"];
                break;
            case CommandResult.NoSuchTicket:
                errors.General = texts["notfound.lead"];
                break;
        }
        return errors;
    }
}
