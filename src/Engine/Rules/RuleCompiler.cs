using System.Linq.Expressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace Hcsim.Engine.Rules;

/// <summary>
/// Compiles a rule condition once to a delegate over <see cref="PersonFacts"/>. DynamicExpresso parses the C#-like
/// text; the resulting expression tree is then checked against a whitelist (facts, parameters, literals, arithmetic,
/// comparison, logic, the conditional operator) so that a scenario file can never reach a .NET member, and the facts
/// are rewired to fields of one struct parameter and the parameters to constants.
/// </summary>
public static class RuleCompiler
{
    public static RuleCondition Compile(string expression, IReadOnlyDictionary<string, double> parameters)
    {
        var facts = Expression.Parameter(typeof(PersonFacts).MakeByRefType(), "facts");
        var bindings = new Dictionary<ParameterExpression, Expression>();
        var declared = new List<Parameter>();
        foreach (var fact in RuleFacts.All)
        {
            var placeholder = Expression.Parameter(fact.Type, fact.Name);
            bindings[placeholder] = Expression.Field(facts, fact.Field);
            declared.Add(new Parameter(placeholder));
        }
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (RuleFacts.All.Any(f => f.Name == name))
            {
                continue;
            }
            var placeholder = Expression.Parameter(typeof(double), name);
            bindings[placeholder] = Expression.Constant(value);
            declared.Add(new Parameter(placeholder));
        }

        var text = string.IsNullOrWhiteSpace(expression) ? "true" : expression;
        Lambda lambda;
        try
        {
            lambda = new Interpreter(InterpreterOptions.SystemKeywords).Parse(text, typeof(bool), [.. declared]);
        }
        catch (UnknownIdentifierException e)
        {
            var known = declared.Select(p => p.Name).ToList();
            throw new RuleExpressionException($"unknown name '{e.Identifier}'{Suggest(e.Identifier, known)}; a condition may use only the documented facts and the policy parameters", e.Position);
        }
        catch (ParseException e)
        {
            throw new RuleExpressionException(StripPosition(e.Message), e.Position);
        }
        catch (DivideByZeroException)
        {
            throw new RuleExpressionException("division by zero", 0);
        }

        new WhitelistCheck(bindings).Visit(lambda.Expression);
        var body = new FactRewriter(bindings).Visit(lambda.Expression);
        return Expression.Lambda<RuleCondition>(body, facts).Compile();
    }

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" (at index", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    private static string Suggest(string name, IReadOnlyList<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Levenshtein(name, k))).OrderBy(p => p.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= 3 ? $" (did you mean '{best.Name}'?)" : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>Rejects every node that is not plain arithmetic, comparison or logic over facts, parameters and literals.</summary>
    private sealed class WhitelistCheck(Dictionary<ParameterExpression, Expression> bindings) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }
            switch (node.NodeType)
            {
                case ExpressionType.Parameter:
                    if (!bindings.ContainsKey((ParameterExpression)node))
                    {
                        throw Refuse(node);
                    }
                    return node;
                case ExpressionType.Constant:
                    var value = ((ConstantExpression)node).Value;
                    if (value is not (null or bool or int or long or double or float or decimal or string))
                    {
                        throw Refuse(node);
                    }
                    return node;
                case ExpressionType.Convert:
                case ExpressionType.ConvertChecked:
                    var unary = (UnaryExpression)node;
                    if (unary.Method is not null || !IsPlainType(unary.Type))
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Not:
                case ExpressionType.Negate:
                case ExpressionType.UnaryPlus:
                    if (((UnaryExpression)node).Method is not null)
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Add:
                case ExpressionType.Subtract:
                case ExpressionType.Multiply:
                case ExpressionType.Divide:
                case ExpressionType.Modulo:
                case ExpressionType.AndAlso:
                case ExpressionType.OrElse:
                case ExpressionType.And:
                case ExpressionType.Or:
                case ExpressionType.LessThan:
                case ExpressionType.LessThanOrEqual:
                case ExpressionType.GreaterThan:
                case ExpressionType.GreaterThanOrEqual:
                case ExpressionType.Equal:
                case ExpressionType.NotEqual:
                    var binary = (BinaryExpression)node;
                    if (binary.Method is not null && !IsPrimitiveOperator(binary))
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Conditional:
                    return base.Visit(node);
                default:
                    throw Refuse(node);
            }
        }

        // DynamicExpresso binds some operators to their operator methods (double.op_GreaterThanOrEqual,
        // string.op_Equality); those on plain types are as harmless as the operators themselves.
        private static bool IsPrimitiveOperator(BinaryExpression binary) =>
            IsPlainType(binary.Method!.DeclaringType!) && binary.Method.Name.StartsWith("op_", StringComparison.Ordinal);

        private static bool IsPlainType(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            return t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float)
                || t == typeof(decimal) || t == typeof(string);
        }

        private static RuleExpressionException Refuse(Expression node) =>
            new($"not allowed in a rule condition: '{node}'; only facts, parameters, literals, arithmetic, comparisons, && || ! and ?: are", 0);
    }

    private sealed class FactRewriter(Dictionary<ParameterExpression, Expression> bindings) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            bindings.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
