#pragma once

#include <string>
#include <vector>

#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief A feature only paid plans have (no watermark, commercial licence, longer clips ...): a free user who
/// wants it on a request meets an upgrade offer, and the paid tiers gain its utility in the tier choice.
struct PaidFeatureSpec {
  std::string name;
  double desire_per_request = 0.02;       ///< chance that a request of a listed segment wants the feature
  double utility = 1.0;                   ///< added to every paid tier's utility when the offer comes from this feature
  std::vector<schema::NameRef> segments;  ///< segments that may want it (empty: all consumer segments)
  schema::SourceMark where;
};

/// @brief When free users meet upgrade offers and how they choose among {stay free, tier 1..n}.
struct UpgradeOfferSpec {
  double shortfall_softness_credits = 10.0;  ///< offer chance logistic((clip credits - credits left) / softness)
  double periodic_per_day = 0.002;           ///< chance per day that an active free user meets an offer anyway
  double free_credit_weight = 0.5;           ///< utility of staying free: weight x ln(1 + free daily / wanted)
  double tier_credit_weight = 1.2;           ///< tier utility: weight x ln(tier credits / fewest tier credits)
  double overprice_weight = 2.0;             ///< tier utility: - weight x max(0, price / wtp - 1)
  std::vector<PaidFeatureSpec> paid_features;
};

/// @brief How API demand answers its price, and how API use is billed (invoices, not consumer payments).
struct ApiDemandSpec {
  double price_elasticity = -1.2;           ///< constant elasticity of API request volume to the API price
  double reference_usd_per_credit = 0.028;  ///< price at which segments' requests_per_day hold
  double invoice_cost_share = 0.01;         ///< collection cost of an invoice, share of the amount
  double bad_debt_share = 0.02;             ///< share of invoiced amounts never collected
  double price_index_exponent = 0.0;        ///< API volume per user across regions ~ price_index^this (averaging 1)
};

/// @brief Enterprise contracts in some regions: committed monthly volume at a price per credit, with a p95 wait
/// SLA whose breach in a month costs a share of that month's contract revenue.
struct EnterpriseContractSpec {
  std::string name;
  std::vector<schema::NameRef> regions;  ///< regions where it is signed (empty: all taking part)
  double contracts = 10.0;               ///< real-world contracts per region
  schema::NameRef clip_class;            ///< the clip class the contracts generate
  double clips_per_month = 3000.0;       ///< committed clips per contract per 30 days (billed whether used or not)
  double usd_per_credit = 0.02;          ///< contract price per credit
  double sla_p95_wait_s = 600.0;         ///< p95 queue wait promised over each 30-day month
  double penalty_share = 0.1;            ///< share of the month's contract revenue credited back on a breach
  double patience_s = 86400.0;           ///< contract jobs are abandoned after waiting this long
  double harmful_share = 0.0;            ///< share of the contracts' prompts that are harmful (moderation)
  schema::SourceMark where;
};

void describe(schema::Fields& f, PaidFeatureSpec& v);
void describe(schema::Fields& f, UpgradeOfferSpec& v);
void describe(schema::Fields& f, ApiDemandSpec& v);
void describe(schema::Fields& f, EnterpriseContractSpec& v);

}  // namespace gvsim::model
